create table product (
	id bigint primary key,
	name varchar(100) not null,
	price decimal(10, 2) not null
);

create table orders (
	id varchar(36) primary key,
	customer_email varchar(200) not null,
	total decimal(10, 2) not null,
	placed_at timestamp not null
);

create table order_line (
	order_id varchar(36) not null references orders (id),
	product_id bigint not null references product (id),
	quantity int not null
);

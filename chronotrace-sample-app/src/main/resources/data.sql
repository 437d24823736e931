insert into product (id, name, price) values (1, 'Espresso beans 1kg', 24.90);
insert into product (id, name, price) values (2, 'Milk frother', 39.00);
insert into product (id, name, price) values (3, 'Ceramic cup', 8.50);
